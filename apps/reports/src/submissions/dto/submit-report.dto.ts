import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsNumber, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { IsPeriodId } from './is-period-id';

const CODE = /^[A-Za-z0-9_-]{1,64}$/;

export class ReportedValueDto {
  @ApiProperty({ description: 'Indicator code of the form', example: 'DOSSIERS_DIGITIZED' })
  @Matches(CODE)
  indicatorCode!: string;

  @ApiPropertyOptional({ description: 'A count, percentage, rank or index score', example: 1396 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value?: number;

  @ApiPropertyOptional({ description: 'A ratio’s numerator', example: 630485 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  numerator?: number;

  @ApiPropertyOptional({ description: 'A ratio’s denominator', example: 732908 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
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
  @ApiPropertyOptional({ description: 'Province code; defaults to the caller’s, refused if another', example: '20' })
  @IsOptional()
  @Matches(CODE)
  provinceCode?: string;

  @ApiPropertyOptional({ description: 'Unit code; defaults to the caller’s, refused if another', example: '178' })
  @IsOptional()
  @Matches(CODE)
  unitCode?: string;

  @ApiProperty({ description: 'Report form code', example: 'CDS-Q' })
  @Matches(CODE)
  formCode!: string;

  @ApiProperty({ description: 'Period id of the form’s period type: 2024, 2024N9, 2024S1, 2024Q1, 202401', example: '2024Q1' })
  @IsPeriodId()
  period!: string;

  @ApiPropertyOptional({ enum: ['submitted', 'draft'], description: 'Save a draft, or submit (default)', example: 'submitted' })
  @IsOptional()
  @IsIn(['submitted', 'draft'])
  status?: 'submitted' | 'draft';

  @ApiProperty({ type: [ReportedValueDto] })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ReportedValueDto)
  values!: ReportedValueDto[];
}

export class ReturnReportDto {
  @ApiProperty({ description: 'Why the report goes back to the unit', example: 'Mẫu số chưa khớp với số hồ sơ tiếp nhận' })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason!: string;
}

export class ApproveReportDto {
  @ApiPropertyOptional({ example: 'Đã thẩm định' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class CorrectReportDto {
  @ApiProperty({ description: 'Why an approved report is corrected', example: 'Điều chỉnh theo số liệu của Cục Thống kê' })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason!: string;

  @ApiProperty({ type: [ReportedValueDto] })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ReportedValueDto)
  values!: ReportedValueDto[];
}

export class SubmitBatchDto {
  @ApiProperty({ type: [SubmitReportDto], description: 'Up to 100 reports, each stored on its own' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => SubmitReportDto)
  reports!: SubmitReportDto[];
}

export class BatchItemResultDto {
  @ApiProperty({ example: 0 })
  index!: number;

  @ApiProperty({ description: 'The status this report alone would have had', example: 201 })
  status!: number;

  @ApiPropertyOptional({ description: 'The stored submission, when accepted', example: { _id: '20:178:CDS-Q:2026Q1', status: 'submitted', revision: 1 } })
  submission?: object;

  @ApiPropertyOptional({ description: 'Why it was refused (RFC 9457 problem)', example: { type: 'https://dtp.gov.vn/problems/period-not-open', status: 422, detail: 'period 2999Q1 opens on 2998-12-15' } })
  problem?: object;
}
