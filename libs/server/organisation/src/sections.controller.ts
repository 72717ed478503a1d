import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type CreateSection, createSectionSchema, type Section, updateSectionSchema } from '@rr/contracts';
import { ApiZodBody, IdParamPipe, PatchBodyPipe, Roles, SignedIn, ZodPipe } from '@rr/server/http';
import { OrgErrors } from './organisation.errors';
import { SectionsService } from './sections.service';

const sectionId = new IdParamPipe(OrgErrors.sectionNotFound);

@ApiTags('organisation')
@Controller('sections')
export class SectionsController {
  constructor(private readonly sections: SectionsService) {}

  @Get()
  @SignedIn()
  list(): Promise<Section[]> {
    return this.sections.list();
  }

  @Post()
  @Roles('sysadmin')
  @ApiZodBody(createSectionSchema)
  create(@Body(new ZodPipe(createSectionSchema)) body: CreateSection): Promise<Section> {
    return this.sections.create(body);
  }

  @Patch(':id')
  @Roles('sysadmin')
  @ApiZodBody(updateSectionSchema)
  update(@Param('id', sectionId) id: string, @Body(new PatchBodyPipe(updateSectionSchema)) body: Partial<CreateSection>): Promise<Section> {
    return this.sections.update(id, body);
  }

  @Delete(':id')
  @Roles('sysadmin')
  @HttpCode(204)
  remove(@Param('id', sectionId) id: string): Promise<void> {
    return this.sections.remove(id);
  }
}
