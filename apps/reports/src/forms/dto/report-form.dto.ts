import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';

const CODE = /^[A-Za-z0-9_-]{1,64}$/;

export class BoundsDto {
  @ApiPropertyOptional({ example: 0 })
  @IsOptional()
  @IsNumber()
  min?: number;

  @ApiPropertyOptional({ example: 65 })
  @IsOptional()
  @IsNumber()
  max?: number;
}

export class FormIndicatorDto {
  @ApiProperty({ example: 'DOSSIERS_DIGITIZED' })
  @Matches(CODE)
  code!: string;

  @ApiProperty({ example: 'Tỷ lệ hồ sơ thủ tục hành chính được số hoá' })
  @IsString()
  @MaxLength(300)
  nameVi!: string;

  @ApiProperty({ example: 'Share of administrative dossiers digitized' })
  @IsString()
  @MaxLength(300)
  nameEn!: string;

  @ApiProperty({ example: '%' })
  @IsString()
  @MaxLength(40)
  unitOfMeasure!: string;

  @ApiProperty({ enum: ['count', 'ratio', 'province-percentage', 'rank', 'milestone', 'index'], example: 'ratio' })
  @IsIn(['count', 'ratio', 'province-percentage', 'rank', 'milestone', 'index'])
  kind!: 'count' | 'ratio' | 'province-percentage' | 'rank' | 'milestone' | 'index';

  @ApiProperty({ enum: ['higher-is-better', 'lower-is-better'], example: 'higher-is-better' })
  @IsIn(['higher-is-better', 'lower-is-better'])
  direction!: 'higher-is-better' | 'lower-is-better';

  @ApiPropertyOptional({ enum: ['all', 'any', 'count'], description: 'For milestones', example: 'count' })
  @IsOptional()
  @IsIn(['all', 'any', 'count'])
  milestoneAggregation?: 'all' | 'any' | 'count';

  @ApiPropertyOptional({ type: BoundsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => BoundsDto)
  bounds?: BoundsDto;
}

export class DeadlineRuleDto {
  @ApiProperty({ enum: ['day-of-month', 'working-days-after-cut-off'], example: 'day-of-month' })
  @IsIn(['day-of-month', 'working-days-after-cut-off'])
  kind!: 'day-of-month' | 'working-days-after-cut-off';

  @ApiPropertyOptional({ description: 'day-of-month: the day', example: 15 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(31)
  day?: number;

  @ApiPropertyOptional({ description: 'day-of-month: 0 for the period’s last month, 1 for the month after', example: 0 })
  @IsOptional()
  @IsInt()
  @Min(-12)
  @Max(12)
  monthsAfterPeriodEnd?: number;

  @ApiPropertyOptional({ enum: ['next-working-day', 'previous-working-day', 'none'], example: 'next-working-day' })
  @IsOptional()
  @IsIn(['next-working-day', 'previous-working-day', 'none'])
  roll?: 'next-working-day' | 'previous-working-day' | 'none';

  @ApiPropertyOptional({ description: 'working-days-after-cut-off: how many', example: 5 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  days?: number;
}

export class CutOffRuleDto {
  @ApiProperty({ enum: ['day-of-month'], example: 'day-of-month' })
  @IsIn(['day-of-month'])
  kind!: 'day-of-month';

  @ApiProperty({ description: 'The cut-off day; past the month’s end means its last day (31: the month’s last day)', example: 31, minimum: 1, maximum: 31 })
  @IsInt()
  @Min(1)
  @Max(31)
  day!: number;

  @ApiProperty({
    description: 'The cut-off month: 0 for the period’s last month, -1 for the month before; it must stay within the period (e.g. -2 to 0 for a quarter, 0 for a month)',
    example: -1,
    minimum: -11,
    maximum: 0,
  })
  @IsInt()
  @Min(-11)
  @Max(0)
  monthsAfterPeriodEnd!: number;
}

export class LegalBasisDto {
  @ApiProperty({ description: 'Number and symbol of the document that sets the form’s own cut-off or deadline', example: 'Thông tư 03/2022/TT-BTTTT' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  document!: string;

  @ApiProperty({ description: 'The article (and clause) of that document', example: 'Điều 5, khoản 2' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  article!: string;
}

export class ReportFormDto {
  @ApiProperty({ example: 'CDS-Q' })
  @Matches(CODE)
  code!: string;

  @ApiProperty({ example: '20' })
  @Matches(CODE)
  provinceCode!: string;

  @ApiProperty({ example: 'Báo cáo chuyển đổi số hằng quý' })
  @IsString()
  @MaxLength(300)
  nameVi!: string;

  @ApiProperty({ example: 'Quarterly digital transformation report' })
  @IsString()
  @MaxLength(300)
  nameEn!: string;

  @ApiProperty({ enum: ['year', 'nine-months', 'half-year', 'quarter', 'month'], example: 'quarter' })
  @IsIn(['year', 'nine-months', 'half-year', 'quarter', 'month'])
  periodType!: 'year' | 'nine-months' | 'half-year' | 'quarter' | 'month';

  @ApiProperty({ enum: ['decree-09', 'calendar'], example: 'decree-09' })
  @IsIn(['decree-09', 'calendar'])
  calendar!: 'decree-09' | 'calendar';

  @ApiProperty({ type: DeadlineRuleDto, description: 'Checked against the cut-off: the form’s own when it has one, else Decree 09’s (or the calendar’s)' })
  @ValidateNested()
  @Type(() => DeadlineRuleDto)
  deadline!: DeadlineRuleDto;

  @ApiPropertyOptional({
    type: CutOffRuleDto,
    description:
      'The form’s own cut-off, when its legal basis sets one instead of Decree 09’s (the 14th of the period’s last month); it prevails over `calendar` for every period, deadline, reminder and late flag. Needs `legalBasis` unless it is Decree 09’s.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => CutOffRuleDto)
  cutOff?: CutOffRuleDto;

  @ApiPropertyOptional({ type: LegalBasisDto, description: 'The provision the form follows; required when `cutOff` departs from Decree 09’s' })
  @IsOptional()
  @ValidateNested()
  @Type(() => LegalBasisDto)
  legalBasis?: LegalBasisDto;

  @ApiProperty({ enum: ['province', 'department', 'district', 'commune'], isArray: true, example: ['district', 'commune'] })
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(['province', 'department', 'district', 'commune'], { each: true })
  levels!: Array<'province' | 'department' | 'district' | 'commune'>;

  @ApiPropertyOptional({ description: 'Count submitted (provisional) values in aggregates before approval; default: only approved values count', example: false })
  @IsOptional()
  @IsBoolean()
  countSubmitted?: boolean;

  @ApiPropertyOptional({ enum: ['admin', 'reviewer'], isArray: true, description: 'Who returns and approves this form’s reports', example: ['reviewer'] })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(['admin', 'reviewer'], { each: true })
  approvers?: Array<'admin' | 'reviewer'>;

  @ApiProperty({ type: [FormIndicatorDto] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => FormIndicatorDto)
  indicators!: FormIndicatorDto[];
}
