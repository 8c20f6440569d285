import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

export class FieldProblemDto {
  @ApiProperty({ example: 'values[0].numerator' })
  field!: string;

  @ApiProperty({ example: 'values[0].numerator: numerator 9 exceeds denominator 8' })
  message!: string;

  @ApiProperty({ example: 'values[0].numerator: tử số 9 lớn hơn mẫu số 8' })
  messageVi!: string;

  @ApiPropertyOptional({ description: 'In an uploaded sheet: the row', example: 8 })
  row?: number;

  @ApiPropertyOptional({ description: 'In an uploaded sheet: the column', example: 'F' })
  column?: string;
}

export class ProblemViDto {
  @ApiProperty({ example: 'Không thể xử lý' })
  title!: string;

  @ApiPropertyOptional({ example: 'values[0].numerator: tử số 9 lớn hơn mẫu số 8' })
  detail?: string;
}

/** RFC 9457 problem details, as every error of the platform is answered. */
export class ProblemDto {
  @ApiProperty({ example: 'https://dtp.gov.vn/problems/invalid-values' })
  type!: string;

  @ApiProperty({ example: 'Cannot be processed' })
  title!: string;

  @ApiProperty({ example: 422 })
  status!: number;

  @ApiPropertyOptional({ example: 'values[0].numerator: numerator 9 exceeds denominator 8' })
  detail?: string;

  @ApiPropertyOptional({ example: '/api/v1/submissions' })
  instance?: string;

  @ApiPropertyOptional({ type: ProblemViDto })
  vi?: ProblemViDto;

  @ApiPropertyOptional({ type: [FieldProblemDto] })
  errors?: FieldProblemDto[];
}

const problem = (status: number, description: string) => ApiResponse({ status, description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } } });

/** The refusals a write can meet, each as application/problem+json. */
export function ApiProblemResponses(...statuses: Array<400 | 401 | 403 | 404 | 409 | 410 | 413 | 422 | 503>): MethodDecorator & ClassDecorator {
  const descriptions: Record<number, string> = {
    400: 'Malformed request: each invalid field named',
    401: 'No valid credentials, with the reason',
    403: 'Not allowed for these credentials, with the reason',
    404: 'Not found',
    409: 'Refused by the state of the resource (locked, not submitted, concurrent change)',
    410: 'Existed once and was deleted (a file past its retention)',
    413: 'The body is larger than the route accepts (1 MB, 10 MB for files and bulk imports)',
    422: 'Well-formed but breaks a rule: each field named',
    503: 'A service it depends on cannot answer just now: try again in a few seconds',
  };
  return applyDecorators(...statuses.map((s) => problem(s, descriptions[s] ?? '')));
}
