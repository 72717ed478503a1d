import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type CreateDepartment, createDepartmentSchema, type Department, updateDepartmentSchema } from '@rr/contracts';
import { ApiZodBody, IdParamPipe, PatchBodyPipe, Roles, SignedIn, ZodPipe } from '@rr/server/http';
import { DepartmentsService } from './departments.service';
import { OrgErrors } from './organisation.errors';

const departmentId = new IdParamPipe(OrgErrors.departmentNotFound);

@ApiTags('organisation')
@Controller('departments')
export class DepartmentsController {
  constructor(private readonly departments: DepartmentsService) {}

  @Get()
  @SignedIn()
  list(): Promise<Department[]> {
    return this.departments.list();
  }

  @Post()
  @Roles('sysadmin')
  @ApiZodBody(createDepartmentSchema)
  create(@Body(new ZodPipe(createDepartmentSchema)) body: CreateDepartment): Promise<Department> {
    return this.departments.create(body);
  }

  @Patch(':id')
  @Roles('sysadmin')
  @ApiZodBody(updateDepartmentSchema)
  update(@Param('id', departmentId) id: string, @Body(new PatchBodyPipe(updateDepartmentSchema)) body: Partial<CreateDepartment>): Promise<Department> {
    return this.departments.update(id, body);
  }

  @Delete(':id')
  @Roles('sysadmin')
  @HttpCode(204)
  remove(@Param('id', departmentId) id: string): Promise<void> {
    return this.departments.remove(id);
  }
}
