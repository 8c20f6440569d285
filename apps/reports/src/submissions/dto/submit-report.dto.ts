import { IsPeriodId } from './is-period-id';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsBoolean, IsNumber, IsOptional, IsString, Matches, MaxLength, Min, ValidateNested } from 'class-validator';

const CODE = /^[A-Za-z0-9_-]{1,64}$/;

export class ReportedValueDto {
  @ApiProperty({ description: 'Indicator code from the catalog', example: 'DOSSIERS_DIGITIZED' })
  @Matches(CODE)
  indicatorCode!: string;

  @ApiPropertyOptional({ description: 'A count or a value entered as is', example: 1396 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value?: number;

  @ApiPropertyOptional({ description: 'A ratio’s numerator', example: 630485 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  numerator?: number;

  @ApiPropertyOptional({ description: 'A ratio’s denominator', example: 732908 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  denominator?: number;

  @ApiPropertyOptional({ description: 'A milestone: done or not done', example: true })
  @IsOptional()
  @IsBoolean()
  done?: boolean;

  @ApiPropertyOptional({ description: 'A note on this value', example: 'Số liệu từ hệ thống một cửa' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class SubmitReportDto {
  @ApiProperty({ description: 'Official province code', example: '20' })
  @Matches(CODE)
  provinceCode!: string;

  @ApiProperty({ description: 'Reporting unit code (official administrative code where one exists)', example: '178' })
  @Matches(CODE)
  unitCode!: string;

  @ApiProperty({ description: 'Report form code', example: 'DTI-Q' })
  @Matches(CODE)
  formCode!: string;

  @ApiProperty({ description: 'Period id: 2024, 2024S1, 2024Q1 or 202401', example: '2024Q1' })
  @IsPeriodId()
  period!: string;

  @ApiProperty({ type: [ReportedValueDto] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ReportedValueDto)
  values!: ReportedValueDto[];
}
