import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

export class RankingQueryDto {
  @ApiPropertyOptional({ enum: ['higher-is-better', 'lower-is-better'], example: 'higher-is-better', description: 'Villages without signal, a DTI rank: lower is better' })
  @IsOptional()
  @IsIn(['higher-is-better', 'lower-is-better'])
  direction?: 'higher-is-better' | 'lower-is-better';

  @ApiPropertyOptional({ enum: ['department', 'district', 'commune'], example: 'district', description: 'Only units of this level at the period’s end' })
  @IsOptional()
  @IsIn(['department', 'district', 'commune'])
  level?: 'department' | 'district' | 'commune';

  @ApiPropertyOptional({ example: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ example: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize?: number;
}
