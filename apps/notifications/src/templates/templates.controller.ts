import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, OfficialsOnly, refusal, Roles } from '@dtp/platform';
import { TemplateRenderer } from './template-renderer';

@ApiTags('templates')
@Controller('api/v1/templates')
export class TemplatesController {
  constructor(private readonly renderer: TemplateRenderer) {}

  @Get()
  @OfficialsOnly()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The message templates and the variables each uses (officials; the templates are the same for every province)' })
  @ApiProblemResponses(401, 403)
  @ApiOkResponse({ schema: { example: [{ name: 'reminder-before', variables: ['deadlineVi', 'formNameVi', 'unitName'] }] } })
  list() {
    return this.renderer.names().map((name) => ({ name, variables: this.renderer.variablesOf(name) }));
  }

  @Post(':name/preview')
  @HttpCode(200)
  @Roles('admin', 'reviewer')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'A template rendered with the given variables, the sample values filling the rest (admin, reviewer)' })
  @ApiBody({ schema: { type: 'object', example: { unitName: 'UBND huyện Tràng Định', workingDays: 3 } } })
  @ApiOkResponse({ schema: { example: { subject: '[Nhắc hạn] …', text: 'Kính gửi …', html: '<!doctype html>…' } } })
  @ApiProblemResponses(400, 401, 403, 404)
  preview(@Param('name') name: string, @Body() variables: Record<string, unknown> | undefined) {
    if (!this.renderer.has(name)) throw refusal(404, 'not-found', `no template "${name}"; GET /api/v1/templates lists them`, `không có mẫu "${name}"`);
    if (variables !== undefined && (typeof variables !== 'object' || Array.isArray(variables))) throw refusal(400, 'validation', 'send the variables as a JSON object', 'gửi các biến dưới dạng đối tượng JSON');
    return this.renderer.render(name, { ...this.renderer.samples, ...(variables ?? {}) });
  }
}
