import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsISO8601, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';

const CODE = /^[A-Za-z0-9_-]{1,64}$/;

export class ParentLinkDto {
  @ApiProperty({ example: '180' }) @Matches(CODE) parentId!: string;
  @ApiPropertyOptional({ example: '2024-12-01' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ example: '2025-06-30' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
}

export class SuccessorLinkDto {
  @ApiProperty({ example: '06057' }) @Matches(CODE) unitId!: string;
  @ApiProperty({ example: '2025-07-01' }) @IsISO8601({ strict: true }) on!: string;
  @ApiPropertyOptional({ description: 'Fraction of this unit’s data the successor takes: 1 (the default) for a whole merge; for a split, each successor’s share, adding up to 1', example: 1 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  share?: number;
}

export class OrgUnitDto {
  @ApiProperty({ example: '06052' }) @Matches(CODE) id!: string;
  @ApiPropertyOptional({ example: '06052' }) @IsOptional() @Matches(CODE) officialCode?: string;
  @ApiProperty({ example: 'Xã Ví Dụ' }) @IsString() @MaxLength(200) name!: string;
  @ApiProperty({ enum: ['province', 'department', 'district', 'commune'], example: 'commune' }) @IsIn(['province', 'department', 'district', 'commune']) level!: 'province' | 'department' | 'district' | 'commune';
  @ApiPropertyOptional({ example: '2024-12-01' }) @IsOptional() @IsISO8601({ strict: true }) validFrom?: string;
  @ApiPropertyOptional({ example: '2025-06-30' }) @IsOptional() @IsISO8601({ strict: true }) validTo?: string;
  @ApiProperty({ type: [ParentLinkDto] }) @IsArray() @ValidateNested({ each: true }) @Type(() => ParentLinkDto) parents!: ParentLinkDto[];
  @ApiProperty({ type: [SuccessorLinkDto] }) @IsArray() @ValidateNested({ each: true }) @Type(() => SuccessorLinkDto) successors!: SuccessorLinkDto[];
}

export class UnitsImportDto {
  @ApiProperty({ type: [OrgUnitDto] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(20000)
  @ValidateNested({ each: true })
  @Type(() => OrgUnitDto)
  units!: OrgUnitDto[];
}
