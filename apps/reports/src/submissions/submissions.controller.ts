import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SubmitReportDto } from './dto/submit-report.dto';
import { SubmissionsService } from './submissions.service';

@ApiTags('submissions')
@Controller('api/v1/submissions')
export class SubmissionsController {
  constructor(private readonly submissions: SubmissionsService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Submit a unit’s report for a form and period (a new revision if one exists)' })
  @ApiCreatedResponse({ description: 'Stored; the reports.submission.v1 event is on its way' })
  submit(@Body() dto: SubmitReportDto) {
    // Authentication per unit arrives with the reports issue; until then the actor is the unit itself.
    return this.submissions.submit(dto, `unit:${dto.provinceCode}:${dto.unitCode}`);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a submission with its revision history' })
  @ApiOkResponse({ description: 'The submission' })
  get(@Param('id') id: string) {
    return this.submissions.get(id);
  }
}
