import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBooleanString, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';

const CODE = /^[A-Za-z0-9_-]{1,64}$/;
const DHIS2_ID = /^[A-Za-z0-9_.:-]{1,100}$/;

export class DataElementMappingDto {
  @ApiProperty({ example: 'f7n9E0hX8qk' })
  @Matches(DHIS2_ID)
  dataElement!: string;

  @ApiPropertyOptional({ example: 'HllvX50cXC0' })
  @IsOptional()
  @Matches(DHIS2_ID)
  categoryOptionCombo?: string;

  @ApiProperty({ example: 'BTS_STATIONS' })
  @Matches(CODE)
  indicatorCode!: string;

  @ApiProperty({ enum: ['value', 'numerator', 'denominator', 'done'], example: 'value' })
  @IsIn(['value', 'numerator', 'denominator', 'done'])
  part!: 'value' | 'numerator' | 'denominator' | 'done';
}

export class OrgUnitMappingDto {
  @ApiProperty({ example: 'DiszpKrYNg8' })
  @Matches(DHIS2_ID)
  orgUnit!: string;

  @ApiProperty({ example: '178' })
  @Matches(CODE)
  unitCode!: string;
}

export class Dhis2MappingDto {
  @ApiProperty({ example: '20' })
  @Matches(CODE)
  provinceCode!: string;

  @ApiProperty({ example: 'pBOMPrpg1QX' })
  @Matches(DHIS2_ID)
  dataSet!: string;

  @ApiProperty({ example: 'CDS-M' })
  @Matches(CODE)
  formCode!: string;

  @ApiProperty({ type: [DataElementMappingDto] })
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => DataElementMappingDto)
  dataElements!: DataElementMappingDto[];

  @ApiPropertyOptional({ type: [OrgUnitMappingDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10000)
  @ValidateNested({ each: true })
  @Type(() => OrgUnitMappingDto)
  orgUnits?: OrgUnitMappingDto[];
}

export class DataValueDto {
  @ApiProperty({ example: 'f7n9E0hX8qk' })
  @IsString()
  @MaxLength(100)
  dataElement!: string;

  @ApiPropertyOptional({ example: '201401' })
  @IsOptional()
  @IsString()
  period?: string;

  @ApiPropertyOptional({ example: 'DiszpKrYNg8' })
  @IsOptional()
  @IsString()
  orgUnit?: string;

  @ApiPropertyOptional({ example: 'HllvX50cXC0' })
  @IsOptional()
  @IsString()
  categoryOptionCombo?: string;

  @ApiPropertyOptional({ example: 'HllvX50cXC0' })
  @IsOptional()
  @IsString()
  attributeOptionCombo?: string;

  @ApiProperty({ description: 'DHIS2 sends values as strings', example: '12' })
  @IsString()
  @MaxLength(100)
  value!: string;

  @ApiPropertyOptional({ example: 'Số liệu tháng 1' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class DataValueSetDto {
  @ApiProperty({ example: 'pBOMPrpg1QX' })
  @IsString()
  @MaxLength(100)
  dataSet!: string;

  @ApiPropertyOptional({ description: 'Present: the data set is complete, i.e. submitted', example: '2014-02-03' })
  @IsOptional()
  @IsString()
  completeDate?: string;

  @ApiPropertyOptional({ example: '201401' })
  @IsOptional()
  @IsString()
  period?: string;

  @ApiPropertyOptional({ example: 'DiszpKrYNg8' })
  @IsOptional()
  @IsString()
  orgUnit?: string;

  @ApiPropertyOptional({ example: 'HllvX50cXC0' })
  @IsOptional()
  @IsString()
  attributeOptionCombo?: string;

  @ApiProperty({ type: [DataValueDto] })
  @IsArray()
  @ArrayMaxSize(10000)
  @ValidateNested({ each: true })
  @Type(() => DataValueDto)
  dataValues!: DataValueDto[];
}

export class ImportQueryDto {
  @ApiPropertyOptional({ description: 'Check and count without storing', example: 'false' })
  @IsOptional()
  @IsBooleanString()
  dryRun?: string;

  @ApiPropertyOptional({ enum: ['CREATE', 'UPDATE', 'CREATE_AND_UPDATE', 'DELETE'], example: 'CREATE_AND_UPDATE' })
  @IsOptional()
  @IsIn(['CREATE', 'UPDATE', 'CREATE_AND_UPDATE', 'DELETE', 'NEW_AND_UPDATES', 'UPDATES', 'NEW'])
  importStrategy?: string;

  @ApiPropertyOptional({ enum: ['UID', 'CODE', 'NAME'], description: 'Identifiers are matched as the mapping holds them', example: 'UID' })
  @IsOptional()
  @IsIn(['UID', 'CODE', 'NAME', 'uid', 'code', 'name'])
  idScheme?: string;
}
