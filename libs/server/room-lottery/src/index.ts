// High-demand rooms: lottery windows through the same engine and rounds mechanism as cars (a room is a class of size 1).
export {};
