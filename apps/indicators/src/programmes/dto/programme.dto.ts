import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsInt, IsISO8601, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { TARGET_SCOPES, TargetScope } from '@dtp/domain';

const CODE = /^[A-Za-z0-9_-]{1,64}$/;

export class PillarDto {
  @ApiProperty({ example: 'digital-government' })
  @Matches(CODE)
  code!: string;

  @ApiProperty({ example: 'Chính quyền số' })
  @IsString()
  @MaxLength(200)
  nameVi!: string;

  @ApiProperty({ example: 'Digital government' })
  @IsString()
  @MaxLength(200)
  nameEn!: string;
}

export class BaselineDto {
  @ApiProperty({ description: 'The date the baseline value was measured', example: '2021-12-31' })
  @IsISO8601({ strict: true })
  date!: string;

  @ApiProperty({ example: 0.6 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value!: number;
}

export class TargetDto {
  @ApiProperty({ example: 'DOSSIERS_DIGITIZED' })
  @Matches(CODE)
  indicatorCode!: string;

  @ApiProperty({ example: 2025 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiProperty({ description: 'In the indicator’s own scale: 0.8 for 80 % of a ratio, 1 for a milestone', example: 0.8 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value!: number;

  @ApiProperty({ enum: ['at-least', 'at-most', 'done'], example: 'at-least' })
  @IsIn(['at-least', 'at-most', 'done'])
  comparison!: 'at-least' | 'at-most' | 'done';

  @ApiProperty({ description: 'Code of one of the programme’s pillars', example: 'digital-government' })
  @Matches(CODE)
  pillar!: string;

  @ApiPropertyOptional({ type: BaselineDto, description: 'Start of the trajectory for on track / at risk' })
  @IsOptional()
  @ValidateNested()
  @Type(() => BaselineDto)
  baseline?: BaselineDto;

  @ApiPropertyOptional({
    enum: [...TARGET_SCOPES],
    default: 'province',
    description:
      'Whom the target is set for: the province (the default, the meaning of targets saved before scopes), every unit of a level (department, district, commune), ' +
      'the units named in unitCodes, or every level (a ratio indicator of the catalog only). A unit is scored on the target naming it, else its level’s, else one for every level, else none: ' +
      'a province target never scores a district. Always present in answers.',
    example: 'district',
  })
  @IsOptional()
  @IsIn([...TARGET_SCOPES])
  scope?: TargetScope;

  @ApiPropertyOptional({ type: [String], description: 'With scope units only: the codes of the units of the province the target is set for', example: ['180'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @Matches(CODE, { each: true })
  unitCodes?: string[];
}

export class ProgrammeDto {
  @ApiProperty({ example: '49-NQ-TU' })
  @Matches(CODE)
  code!: string;

  @ApiProperty({ example: '20' })
  @Matches(CODE)
  provinceCode!: string;

  @ApiProperty({ example: 'Nghị quyết 49-NQ/TU về chuyển đổi số đến năm 2025' })
  @IsString()
  @MaxLength(300)
  nameVi!: string;

  @ApiProperty({ example: 'Resolution 49-NQ/TU on digital transformation to 2025' })
  @IsString()
  @MaxLength(300)
  nameEn!: string;

  @ApiProperty({ type: [PillarDto] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PillarDto)
  pillars!: PillarDto[];

  @ApiProperty({ type: [TargetDto] })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => TargetDto)
  targets!: TargetDto[];
}
