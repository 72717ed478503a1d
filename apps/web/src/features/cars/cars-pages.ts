// One lazily loaded chunk for the official-car screens (and the contract schemas their forms use).
export { CarsLayout } from './components/cars-layout';
export { AvailabilityPage } from './components/availability-page';
export { BookingNewPage, BookingEditPage } from './components/booking-pages';
export { MyBookingsPage } from './components/my-bookings-page';
export { DriverPage } from './components/driver-page';
export { AdminCarsPage } from './components/admin/admin-cars-page';
export { AdminBlocksPage } from './components/admin/admin-blocks-page';
export { AdminDriversPage } from './components/admin/admin-drivers-page';
export { AdminBookingsPage } from './components/admin/admin-bookings-page';
export { AdminSettingsPage } from './components/admin/admin-settings-page';
