import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ExportJob } from '@dtp/contracts';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, assertOfficialProvince, attachment, CurrentOfficial, FieldProblem, fieldsRefusal, OfficialPrincipal, refusal, ReplyLike, Roles } from '@dtp/platform';
import { FORMATS_REFUSED, REQUIRED_FIELDS } from '../documents/export-request';
import { FileStore } from '../storage/file-store';
import { CreateExportDto } from './dto/create-export.dto';
import { ExportJobViewDto, exportJobView } from './dto/export-job-view.dto';
import { EXPORT_CLOCK, ExportClock } from './export-clock';
import { ExportJobsService } from './export-jobs.service';
import { ExportQueue } from './export-queue';
import { EXPORT_STATUS_NAMES_VI, ExportJobRecord } from './schemas/export-job.schema';

const EVERY_OFFICIAL = ['admin', 'reviewer', 'unit-officer'] as const;

@ApiTags('exports')
@ApiBearerAuth()
@Controller('api/v1/exports')
export class ExportsController {
  constructor(
    private readonly jobs: ExportJobsService,
    private readonly queue: ExportQueue,
    private readonly store: FileStore,
    @Inject(EXPORT_CLOCK) private readonly clock: ExportClock,
  ) {}

  @Post()
  @HttpCode(202)
  @Roles(...EVERY_OFFICIAL)
  @ApiOperation({ summary: 'Ask for a file (scorecard, ranking, reporting rates, a unit’s submission, raw values as XLSX, CSV, PDF or DOCX); answers at once with the job to follow' })
  @ApiAcceptedResponse({ type: ExportJobViewDto })
  @ApiProblemResponses(400, 401, 403)
  async create(@Body() dto: CreateExportDto, @CurrentOfficial() official: OfficialPrincipal, @Res({ passthrough: true }) reply: ReplyLike): Promise<ExportJobViewDto> {
    assertOfficialProvince(official, dto.provinceCode);
    const problems: FieldProblem[] = REQUIRED_FIELDS[dto.kind]
      .filter((field) => dto[field] === undefined)
      .map((field) => ({ field, message: `${field} is required for a ${dto.kind} export`, messageVi: `${field} là bắt buộc khi xuất ${ExportJob.KIND_NAMES_VI[dto.kind]}` }));
    if (FORMATS_REFUSED[dto.kind]?.includes(dto.format)) {
      problems.push({ field: 'format', message: `a ${dto.kind} export is too long for ${dto.format}: choose xlsx, csv or pdf`, messageVi: `${ExportJob.KIND_NAMES_VI[dto.kind]} quá dài cho định dạng ${dto.format.toUpperCase()}: hãy chọn XLSX, CSV hoặc PDF` });
    }
    if (problems.length > 0) throw fieldsRefusal(400, 'validation', problems);
    // A unit's own official exports that unit's reports only.
    if (isUnitOfficerOnly(official) && (dto.kind !== 'submission' || dto.unitCode !== official.unitCode)) {
      throw refusal(403, 'forbidden', 'a unit officer exports the reports of their own unit only', 'cán bộ đơn vị chỉ được xuất báo cáo của đơn vị mình');
    }
    const job = await this.jobs.create({ ...dto }, official.username, this.clock.now());
    await this.queue.enqueue(job._id);
    reply.header('location', `/api/v1/exports/${job._id}`);
    return exportJobView(job);
  }

  @Get()
  @Roles(...EVERY_OFFICIAL)
  @ApiOperation({ summary: 'A province’s exports, newest first (a unit officer sees their own)' })
  @ApiOkResponse({ type: [ExportJobViewDto] })
  @ApiQuery({ name: 'provinceCode', example: '20' })
  @ApiQuery({ name: 'status', required: false, enum: ['queued', 'running', 'completed', 'failed', 'expired'] })
  @ApiQuery({ name: 'limit', required: false, example: 50 })
  @ApiProblemResponses(401, 403)
  async list(@Query('provinceCode') provinceCode: string, @Query('status') status: string | undefined, @Query('limit') limit: string | undefined, @CurrentOfficial() official: OfficialPrincipal): Promise<ExportJobViewDto[]> {
    assertOfficialProvince(official, provinceCode);
    const jobs = await this.jobs.list(provinceCode, { status, requestedBy: isUnitOfficerOnly(official) ? official.username : undefined, limit: Math.min(Math.max(Number(limit) || 50, 1), 500) });
    return jobs.map(exportJobView);
  }

  @Get(':id')
  @Roles(...EVERY_OFFICIAL)
  @ApiOperation({ summary: 'An export’s status and progress in percent; the download path once completed, the reason if it failed' })
  @ApiOkResponse({ type: ExportJobViewDto })
  @ApiProblemResponses(401, 403, 404)
  async get(@Param('id', ParseUUIDPipe) id: string, @CurrentOfficial() official: OfficialPrincipal): Promise<ExportJobViewDto> {
    return exportJobView(await this.visible(id, official));
  }

  @Get(':id/file')
  @Roles(...EVERY_OFFICIAL)
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv', 'application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  @ApiOperation({ summary: 'The finished file, under its Vietnamese name (RFC 6266 / 5987)' })
  @ApiOkResponse({ description: 'The file', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblemResponses(401, 403, 404, 409, 410)
  async file(@Param('id', ParseUUIDPipe) id: string, @CurrentOfficial() official: OfficialPrincipal): Promise<StreamableFile> {
    const job = await this.visible(id, official);
    if (job.status === 'expired') throw refusal(410, 'expired', 'the file was deleted after its retention period; export again', 'tệp đã bị xóa khi hết thời hạn lưu; hãy xuất lại');
    if (job.status !== 'completed' || !job.storageKey) {
      throw refusal(409, 'not-ready', `the export is ${job.status} (${job.progress}%)`, `tệp chưa sẵn sàng: ${EXPORT_STATUS_NAMES_VI[job.status]} (${job.progress}%)`);
    }
    if (!(await this.store.exists(job.storageKey))) throw refusal(410, 'expired', 'the file is no longer stored; export again', 'tệp không còn được lưu; hãy xuất lại');
    return new StreamableFile(this.store.open(job.storageKey), { type: job.contentType, disposition: attachment(job.fileName ?? `${job._id}.${job.format}`), length: job.size });
  }

  @Delete(':id')
  @Roles(...EVERY_OFFICIAL)
  @ApiOperation({ summary: 'Delete an export’s file now (the record stays, marked expired)' })
  @ApiOkResponse({ type: ExportJobViewDto })
  @ApiProblemResponses(401, 403, 404, 409)
  async remove(@Param('id', ParseUUIDPipe) id: string, @CurrentOfficial() official: OfficialPrincipal): Promise<ExportJobViewDto> {
    const job = await this.visible(id, official);
    if (job.status !== 'completed') throw refusal(409, 'not-completed', `the export is ${job.status}; only a finished file can be deleted`, `chỉ xóa được tệp đã xuất xong`);
    if (job.storageKey) await this.store.remove(job.storageKey);
    await this.jobs.markExpired(id);
    return exportJobView(await this.jobs.get(id));
  }

  private async visible(id: string, official: OfficialPrincipal): Promise<ExportJobRecord> {
    const job = await this.jobs.get(id);
    assertOfficialProvince(official, job.provinceCode);
    if (isUnitOfficerOnly(official) && job.requestedBy !== official.username) throw refusal(404, 'not-found', `there is no export ${id}`, `không có yêu cầu xuất tệp ${id}`);
    return job;
  }
}

function isUnitOfficerOnly(official: OfficialPrincipal): boolean {
  return !official.roles.includes('admin') && !official.roles.includes('reviewer');
}
