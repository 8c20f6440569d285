import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, BodyLimit, BULK_BODY_LIMIT, problemOf } from '@dtp/platform';
import { SubmissionViewDto, RevisionDto } from './dto/submission-view.dto';
import { Access } from '../auth/access.decorator';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { actorName, Principal } from '../auth/principal';
import { assertCanRead, assertProvince, writingUnit } from '../auth/scope';
import { ApproveReportDto, BatchItemResultDto, CorrectReportDto, ReturnReportDto, SubmitBatchDto, SubmitReportDto } from './dto/submit-report.dto';
import { parseSubmissionId, SubmissionsService } from './submissions.service';
import { UnitWriteLimit } from '../limits/unit-writes.guard';

@ApiTags('submissions')
@ApiSecurity('api-key')
@ApiBearerAuth()
@Controller('api/v1/submissions')
export class SubmissionsController {
  constructor(private readonly submissions: SubmissionsService) {}

  @Post()
  @HttpCode(201)
  @Access({ units: true })
  @UnitWriteLimit()
  @ApiOperation({ summary: 'Save a draft of, or submit, the caller’s report for a form and period (a new revision if one exists)' })
  @ApiCreatedResponse({ type: SubmissionViewDto, description: 'Stored; a submission’s reports.submission.v1 event is on its way' })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422, 503)
  submit(@Body() dto: SubmitReportDto, @CurrentPrincipal() principal: Principal) {
    const unit = writingUnit(principal, dto);
    const action = dto.status === 'draft' ? 'save-draft' : 'submit';
    return this.submissions.act({ ...unit, formCode: dto.formCode, period: dto.period }, { action, actor: 'unit', by: actorName(principal), values: dto.values });
  }

  @Post('batch')
  @HttpCode(200)
  @BodyLimit(BULK_BODY_LIMIT)
  @Access({ units: true })
  @UnitWriteLimit()
  @ApiOperation({
    summary: 'Submit several reports (for example one per period) in one request',
    description: 'Each report is its own write: one refused does not undo the others. The answer lists, in order, each report’s own status and its submission or problem.',
  })
  @ApiOkResponse({ type: [BatchItemResultDto] })
  @ApiProblemResponses(400, 401, 403, 503)
  async batch(@Body() dto: SubmitBatchDto, @CurrentPrincipal() principal: Principal): Promise<BatchItemResultDto[]> {
    const results: BatchItemResultDto[] = [];
    for (const [index, report] of dto.reports.entries()) {
      try {
        results.push({ index, status: 201, submission: await this.submit(report, principal) });
      } catch (error) {
        const problem = problemOf(error);
        if (problem.status >= 500) throw error;
        results.push({ index, status: problem.status, problem });
      }
    }
    return results;
  }

  @Post(':id/return')
  @HttpCode(200)
  @Access({ roles: ['reviewer', 'admin'] })
  @ApiOperation({ summary: 'Return a submitted report to its unit with the reason (the form’s approvers)' })
  @ApiOkResponse({ type: SubmissionViewDto })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  returnReport(@Param('id') id: string, @Body() dto: ReturnReportDto, @CurrentPrincipal() principal: Principal) {
    const ref = parseSubmissionId(id);
    assertProvince(principal, ref.provinceCode);
    return this.submissions.act(ref, { action: 'return', actor: 'reviewer', by: actorName(principal), roles: rolesOf(principal), comment: dto.reason });
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Access({ roles: ['reviewer', 'admin'] })
  @ApiOperation({ summary: 'Approve a submitted report; it is then locked (the form’s approvers)' })
  @ApiOkResponse({ type: SubmissionViewDto })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  approve(@Param('id') id: string, @Body() dto: ApproveReportDto, @CurrentPrincipal() principal: Principal) {
    const ref = parseSubmissionId(id);
    assertProvince(principal, ref.provinceCode);
    return this.submissions.act(ref, { action: 'approve', actor: 'reviewer', by: actorName(principal), roles: rolesOf(principal), ...(dto.comment ? { comment: dto.comment } : {}) });
  }

  @Post(':id/corrections')
  @UnitWriteLimit()
  @HttpCode(201)
  @Access({ units: true })
  @ApiOperation({ summary: 'Correct an approved report: a new revision, submitted again for review' })
  @ApiCreatedResponse({ type: SubmissionViewDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422, 503)
  correct(@Param('id') id: string, @Body() dto: CorrectReportDto, @CurrentPrincipal() principal: Principal) {
    const ref = parseSubmissionId(id);
    writingUnit(principal, ref);
    return this.submissions.act(ref, { action: 'correct', actor: 'unit', by: actorName(principal), values: dto.values, comment: dto.reason });
  }

  @Get(':id')
  @Access({ units: true, roles: ['reviewer', 'admin'] })
  @ApiOperation({ summary: 'A submission with its revision history' })
  @ApiOkResponse({ type: SubmissionViewDto })
  @ApiProblemResponses(401, 403, 404)
  async get(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    assertCanRead(principal, parseSubmissionId(id));
    return this.submissions.get(id);
  }

  @Get(':id/revisions/:revision')
  @Access({ units: true, roles: ['reviewer', 'admin'] })
  @ApiOperation({ summary: 'The submission as it stood after one revision' })
  @ApiOkResponse({ type: RevisionDto })
  @ApiProblemResponses(401, 403, 404)
  async revision(@Param('id') id: string, @Param('revision', ParseIntPipe) revision: number, @CurrentPrincipal() principal: Principal) {
    assertCanRead(principal, parseSubmissionId(id));
    return this.submissions.atRevision(id, revision);
  }
}

function rolesOf(principal: Principal): readonly string[] {
  return principal.kind === 'official' ? principal.roles : [];
}
