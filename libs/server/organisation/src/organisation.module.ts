import { Module } from '@nestjs/common';
import { ApproversRepository } from './approvers.repository';
import { DepartmentsController } from './departments.controller';
import { DepartmentsRepository } from './departments.repository';
import { DepartmentsService } from './departments.service';
import { OrganisationService } from './organisation.service';
import { SectionsController } from './sections.controller';
import { SectionsRepository } from './sections.repository';
import { SectionsService } from './sections.service';
import { UserAbsencesController } from './user-absences.controller';
import { UserImportService } from './user-import.service';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

/** Departments, sections, user accounts, deputies and absences. Other features use OrganisationService. */
@Module({
  controllers: [DepartmentsController, SectionsController, UsersController, UserAbsencesController],
  providers: [
    DepartmentsRepository,
    SectionsRepository,
    UsersRepository,
    ApproversRepository,
    DepartmentsService,
    SectionsService,
    UsersService,
    UserImportService,
    OrganisationService,
  ],
  exports: [OrganisationService],
})
export class OrganisationModule {}
