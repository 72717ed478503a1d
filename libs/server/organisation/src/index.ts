// Organisation feature (departments, sections, users, 代決 deputies and absences): public face.
export { OrganisationModule } from './organisation.module';
export { OrganisationService, type ActingApprover } from './organisation.service';
