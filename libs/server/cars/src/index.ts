// Official cars (公用車): fleet, drivers, maintenance blocks, first-come bookings. See ADR 0007.
export { CarsModule } from './cars.module';
export { CarBookingPolicies, type CarBookingPolicy, type FirstComeBookingContext } from './car-booking-policy';
export { CarBookingsService, type BlockInterval } from './car-bookings.service';
export { CarBookingQueriesService } from './car-booking-queries.service';
export { DriversService } from './drivers.service';
export { CarSettingsService, CARS_CLOCK, type CarRules } from './car-settings.service';
export { CarsService } from './cars.service';
// The garage counter blocks a car reported damaged at return (moving later bookings off it).
export { CarBlocksService } from './car-blocks.service';
export { FleetService } from './fleet.service';
export { CarErrors } from './cars.errors';
export { driverEligibility, driverEligibilityForTrip, lastTokyoDateOf, type DriverEligibility, type DriverFacts } from './rules/driver-eligibility';
export { checkBookingWindow, checkInterval, SLOT_MINUTES, type BookingWindowSettings } from './rules/booking-window';
export { bestFitOrder, reassignmentOrder, type CarCandidate } from './rules/car-choice';
