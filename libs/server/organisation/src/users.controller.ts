import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import {
  type CreateUser,
  createUserSchema,
  type Page,
  setDeputiesSchema,
  type UpdateUser,
  updateUserSchema,
  type User,
  type UserCsvImportResult,
  USER_CSV_COLUMNS,
} from '@rr/contracts';
import { ApiZodBody, ApiZodQuery, IdParamPipe, PatchBodyPipe, Roles, ZodPipe } from '@rr/server/http';
import { z } from 'zod';
import { OrganisationService } from './organisation.service';
import { OrgErrors } from './organisation.errors';
import { UserImportService } from './user-import.service';
import { type UserListQuery, userListQuerySchema } from './users.query';
import { UsersService } from './users.service';

const userId = new IdParamPipe(OrgErrors.userNotFound);

@ApiTags('organisation')
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly importer: UserImportService,
    private readonly organisation: OrganisationService,
  ) {}

  /** People pickers (approvers, drivers, deputies) need the list, so more than sysadmin may read it. */
  @Get()
  @Roles('sysadmin', 'general_affairs', 'section_chief', 'garage_admin')
  @ApiZodQuery(userListQuerySchema)
  list(@Query(new ZodPipe(userListQuerySchema)) query: UserListQuery): Promise<Page<User>> {
    return this.users.list(query);
  }

  @Post('import')
  @Roles('sysadmin')
  @HttpCode(200)
  @ApiConsumes('text/csv')
  @ApiBody({ description: `UTF-8 CSV (BOM allowed), header row: ${USER_CSV_COLUMNS.join(',')}; roles separated by |`, schema: { type: 'string' } })
  importCsv(@Body() body: unknown): Promise<UserCsvImportResult> {
    return this.importer.importCsv(body);
  }

  @Get(':id')
  @Roles('sysadmin', 'general_affairs', 'section_chief', 'garage_admin')
  get(@Param('id', userId) id: string): Promise<User> {
    return this.users.get(id);
  }

  @Post()
  @Roles('sysadmin')
  @ApiZodBody(createUserSchema)
  create(@Body(new ZodPipe(createUserSchema)) body: CreateUser): Promise<User> {
    return this.users.create(body);
  }

  @Patch(':id')
  @Roles('sysadmin')
  @ApiZodBody(updateUserSchema)
  update(@Param('id', userId) id: string, @Body(new PatchBodyPipe(updateUserSchema)) body: Partial<UpdateUser>): Promise<User> {
    return this.users.update(id, body);
  }

  @Put(':id/deputies')
  @Roles('sysadmin')
  @ApiZodBody(setDeputiesSchema)
  setDeputies(@Param('id', userId) id: string, @Body(new ZodPipe(setDeputiesSchema)) body: z.output<typeof setDeputiesSchema>): Promise<User> {
    return this.organisation.setDeputies(id, body.deputies);
  }
}
