import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

const CODE = /^[A-Za-z0-9_-]{1,64}$/;

/** The unit, form and period a list of obligations (the calendar) or of their deliveries is narrowed to. */
export class ObligationFilterDto {
  @ApiPropertyOptional({ example: '180' })
  @IsOptional()
  @Matches(CODE)
  unit?: string;

  @ApiPropertyOptional({ example: 'CDS-Q' })
  @IsOptional()
  @Matches(CODE)
  form?: string;

  @ApiPropertyOptional({ example: '2024Q4' })
  @IsOptional()
  @Matches(/^[0-9NSQ_]{4,17}$/)
  period?: string;
}
