import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type Absence, createAbsenceSchema } from '@rr/contracts';
import { ApiZodBody, IdParamPipe, SignedIn, ZodPipe } from '@rr/server/http';
import { z } from 'zod';
import { OrganisationService } from './organisation.service';
import { OrgErrors } from './organisation.errors';

const userId = new IdParamPipe(OrgErrors.userNotFound);
const absenceId = new IdParamPipe(OrgErrors.absenceNotFound);

/** 不在 periods. Signed-in users reach these; the service allows one's own or a sysadmin's access. */
@ApiTags('organisation')
@Controller('users/:id/absences')
export class UserAbsencesController {
  constructor(private readonly organisation: OrganisationService) {}

  @Get()
  @SignedIn()
  list(@Param('id', userId) id: string): Promise<Absence[]> {
    return this.organisation.listAbsences(id);
  }

  @Post()
  @SignedIn()
  @ApiZodBody(createAbsenceSchema)
  create(@Param('id', userId) id: string, @Body(new ZodPipe(createAbsenceSchema)) body: z.output<typeof createAbsenceSchema>): Promise<Absence> {
    return this.organisation.addAbsence(id, body);
  }

  @Delete(':absenceId')
  @SignedIn()
  @HttpCode(204)
  remove(@Param('id', userId) id: string, @Param('absenceId', absenceId) absence: string): Promise<void> {
    return this.organisation.removeAbsence(id, absence);
  }
}
