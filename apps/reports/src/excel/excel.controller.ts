import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { actorName, Principal, unitOf } from '../auth/principal';
import { assertProvince, writingUnit } from '../auth/scope';
import { FormsService } from '../forms/forms.service';
import { ApiProblemResponses, attachment, BodyLimit, BULK_BODY_LIMIT } from '@dtp/platform';
import { SubmissionViewDto } from '../submissions/dto/submission-view.dto';
import { XLSX_CONTENT_TYPE } from './excel-layout';
import { ExcelImportService } from './excel-import.service';
import { formTemplate } from './excel-template';
import { UnitWriteLimit } from '../limits/unit-writes.guard';

interface Reply {
  header(name: string, value: string): unknown;
}

@ApiTags('excel')
@ApiSecurity('api-key')
@ApiBearerAuth()
@Controller('api/v1')
export class ExcelController {
  constructor(
    private readonly excel: ExcelImportService,
    private readonly forms: FormsService,
  ) {}

  @Get('forms/:provinceCode/:code/template.xlsx')
  @Access({ units: true, roles: ['admin', 'reviewer'] })
  @Header('content-type', XLSX_CONTENT_TYPE)
  @ApiProduces(XLSX_CONTENT_TYPE)
  @ApiOperation({ summary: 'The form as an Excel file to fill in and upload' })
  @ApiOkResponse({ description: 'The .xlsx file', content: { [XLSX_CONTENT_TYPE]: { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblemResponses(401, 403, 404)
  async template(@Param('provinceCode') provinceCode: string, @Param('code') code: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: Reply): Promise<Buffer> {
    assertProvince(principal, provinceCode);
    const form = await this.forms.get(provinceCode, code);
    reply.header('content-disposition', attachment(`Biểu mẫu ${form.code} - ${form.nameVi}.xlsx`));
    return formTemplate(form, unitOf(principal)?.unitCode);
  }

  @Post('submissions/excel')
  @HttpCode(201)
  @BodyLimit(BULK_BODY_LIMIT)
  @Access({ units: true })
  @UnitWriteLimit()
  @ApiConsumes(XLSX_CONTENT_TYPE)
  @ApiBody({ description: 'The filled .xlsx file as the request body (Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet)', schema: { type: 'string', format: 'binary' } })
  @ApiQuery({ name: 'status', required: false, enum: ['submitted', 'draft'] })
  @ApiOperation({ summary: 'Upload a report as the form’s Excel file; a file with any wrong cell is refused whole, each cell named' })
  @ApiCreatedResponse({ type: SubmissionViewDto, description: 'Stored, as with POST /api/v1/submissions' })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422)
  upload(@Body() file: Buffer, @Query('status') status: string | undefined, @CurrentPrincipal() principal: Principal) {
    const unit = writingUnit(principal, {});
    return this.excel.import(file, unit, { action: status === 'draft' ? 'save-draft' : 'submit', actor: 'unit', by: actorName(principal) });
  }
}
