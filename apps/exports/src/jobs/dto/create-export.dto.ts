import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ExportJob } from '@dtp/contracts';

const CODE = /^[A-Za-z0-9_-]{1,64}$/;

export class SignatureDto {
  @ApiProperty({ example: 'TM. BAN CHỈ ĐẠO' }) @IsString() @MaxLength(120) authority!: string;
  @ApiProperty({ example: 'TRƯỞNG BAN' }) @IsString() @MaxLength(120) title!: string;
  @ApiProperty({ example: 'Nguyễn Văn A', description: 'Empty: written by hand' }) @IsString() @MaxLength(120) name!: string;
}

/** The Word document's frame; every part has a default from the province. */
export class LetterheadDto {
  @ApiPropertyOptional({ example: 'UBND TỈNH LẠNG SƠN' }) @IsOptional() @IsString() @MaxLength(120) agencyParent?: string;
  @ApiPropertyOptional({ example: 'BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ' }) @IsOptional() @IsString() @MaxLength(120) agencyName?: string;
  @ApiPropertyOptional({ example: 'BC-BCĐ', description: 'Written after "Số: …/"' }) @IsOptional() @IsString() @MaxLength(40) symbol?: string;
  @ApiPropertyOptional({ example: 'Lạng Sơn' }) @IsOptional() @IsString() @MaxLength(80) place?: string;
  @ApiPropertyOptional({ example: ['Như trên;', 'Lưu: VT.'] }) @IsOptional() @IsArray() @ArrayMaxSize(30) @IsString({ each: true }) @MaxLength(200, { each: true }) recipients?: string[];
  @ApiPropertyOptional({ type: SignatureDto }) @IsOptional() @ValidateNested() @Type(() => SignatureDto) signature?: SignatureDto;
}

export class CreateExportDto {
  @ApiProperty({ enum: ExportJob.Kind.options, example: 'scorecard' }) @IsIn(ExportJob.Kind.options) kind!: ExportJob.Kind;
  @ApiProperty({ enum: ExportJob.Format.options, example: 'xlsx' }) @IsIn(ExportJob.Format.options) format!: ExportJob.Format;
  @ApiProperty({ example: '20' }) @Matches(CODE) provinceCode!: string;
  @ApiPropertyOptional({ example: '49-NQ-TU', description: 'scorecard' }) @IsOptional() @Matches(CODE) programmeCode?: string;
  @ApiPropertyOptional({ example: '20', description: 'scorecard (default: the province), submission' }) @IsOptional() @Matches(CODE) unitCode?: string;
  @ApiPropertyOptional({ example: '2025', description: 'scorecard, ranking, reporting-rates, submission' }) @IsOptional() @Matches(/^[0-9A-Za-z_-]{4,32}$/) period?: string;
  @ApiPropertyOptional({ example: 'DOSSIERS_DIGITIZED', description: 'ranking' }) @IsOptional() @Matches(CODE) indicatorCode?: string;
  @ApiPropertyOptional({ example: 'CDS-Q', description: 'reporting-rates, submission; raw-values (optional)' }) @IsOptional() @Matches(CODE) formCode?: string;
  @ApiPropertyOptional({ example: 2025, description: 'raw-values' }) @IsOptional() @IsInt() @Min(2000) @Max(2100) year?: number;
  @ApiPropertyOptional({ example: ['178', '180'], description: 'raw-values: only these units' }) @IsOptional() @IsArray() @ArrayMaxSize(2000) @Matches(CODE, { each: true }) unitCodes?: string[];
  @ApiPropertyOptional({ enum: ['department', 'district', 'commune'], example: 'district', description: 'ranking: one level only' }) @IsOptional() @IsIn(['department', 'district', 'commune']) level?: 'department' | 'district' | 'commune';
  @ApiPropertyOptional({ type: LetterheadDto }) @IsOptional() @ValidateNested() @Type(() => LetterheadDto) letterhead?: LetterheadDto;
}
