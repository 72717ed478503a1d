// One lazily loaded chunk for the meeting-room screens.
export { RoomsPage } from './components/rooms-page';
