import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, CurrentOfficial, isNationalAdmin, OfficialPrincipal, Roles } from '@dtp/platform';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { DeadLettersService } from './dead-letters.service';

export class DeadLetterQueryDto {
  @ApiPropertyOptional({ example: 'reports.submission.v1' })
  @IsOptional()
  @IsString()
  topic?: string;

  @ApiPropertyOptional({ example: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ example: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize?: number;
}

export class DeadLetterViewDto {
  @ApiProperty({ example: 'reports.submission.v1:0:42' }) _id!: string;
  @ApiProperty({ example: 'reports.submission.v1' }) topic!: string;
  @ApiProperty({ example: 0 }) partition!: number;
  @ApiProperty({ example: '42' }) offset!: string;
  @ApiProperty({ nullable: true, type: String, example: '20:178:2024Q1' }) key!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The province the message belongs to (its payload’s, else its key’s); null when neither says', example: '20' }) provinceCode!: string | null;
  @ApiProperty({ description: 'The message as it arrived', example: '{"id":"…","data":{"revision":-1}}' }) value!: string;
  @ApiProperty({ example: 'invalid: data.revision: Too small: expected number to be >0' }) reason!: string;
  @ApiProperty({ example: 0 }) attempts!: number;
  @ApiProperty({ example: '2026-11-23T10:00:00.000Z' }) at!: Date;
  @ApiProperty({ nullable: true, type: Date, example: '2026-11-23T11:00:00.000Z' }) replayedAt!: Date | null;
  @ApiProperty({ example: 1 }) replays!: number;
}

@ApiTags('dead letters')
@ApiBearerAuth()
@Controller('api/v1/admin/dead-letters')
export class DeadLettersController {
  constructor(private readonly letters: DeadLettersService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Messages this service’s consumers gave up on, newest first, with the reason: the admin’s province’s (every province’s for a national admin)' })
  @ApiOkResponse({ description: '{ total, items }', schema: { example: { total: 1, items: [{ _id: 'reports.submission.v1:0:42', topic: 'reports.submission.v1', reason: 'invalid: data.revision: Too small', attempts: 0, replays: 0 }] } } })
  @ApiProblemResponses(400, 401, 403)
  list(@Query() query: DeadLetterQueryDto, @CurrentOfficial() official: OfficialPrincipal) {
    return this.letters.list({ ...(query.topic ? { topic: query.topic } : {}), ...scopeOf(official), page: query.page ?? 1, pageSize: query.pageSize ?? 50 });
  }

  @Post(':id/replay')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Publish a parked message again to its original topic, once its cause is fixed (admin of its province, or national admin); another province’s is answered 404' })
  @ApiOkResponse({ type: DeadLetterViewDto, description: 'The record, with replayedAt and the number of replays' })
  @ApiProblemResponses(401, 403, 404)
  replay(@Param('id') id: string, @CurrentOfficial() official: OfficialPrincipal) {
    return this.letters.replay(id, scopeOf(official).provinceCode);
  }
}

/** A province's administrator sees that province's messages; a national administrator every province's. */
function scopeOf(official: OfficialPrincipal): { provinceCode?: string } {
  return isNationalAdmin(official) ? {} : { provinceCode: official.provinceCode };
}
