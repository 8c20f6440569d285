import { ApiProperty } from '@nestjs/swagger';

export class ImportCountDto {
  @ApiProperty({ example: 3 }) imported!: number;
  @ApiProperty({ example: 0 }) updated!: number;
  @ApiProperty({ example: 0 }) ignored!: number;
  @ApiProperty({ example: 0 }) deleted!: number;
}

export class ImportConflictDto {
  @ApiProperty({ example: 'nOtMaPpEd01' }) object!: string;
  @ApiProperty({ example: 'Data element not found or not accessible' }) value!: string;
  @ApiProperty({ example: 'E7610' }) errorCode!: string;
  @ApiProperty({ example: 'dataElement' }) property!: string;
  @ApiProperty({ type: [Number], example: [1] }) indexes!: number[];
}

export class ImportOptionsDto {
  @ApiProperty({ example: false }) dryRun!: boolean;
  @ApiProperty({ example: 'CREATE_AND_UPDATE' }) importStrategy!: string;
  @ApiProperty({ example: { idScheme: 'UID' } }) idSchemes!: { idScheme: string };
}

export class ImportSummaryDto {
  @ApiProperty({ example: 'ImportSummary' }) responseType!: string;
  @ApiProperty({ enum: ['SUCCESS', 'WARNING', 'ERROR'], example: 'SUCCESS' }) status!: string;
  @ApiProperty({ type: ImportOptionsDto }) importOptions!: ImportOptionsDto;
  @ApiProperty({ example: 'Import process completed successfully' }) description!: string;
  @ApiProperty({ type: ImportCountDto }) importCount!: ImportCountDto;
  @ApiProperty({ type: [ImportConflictDto] }) conflicts!: ImportConflictDto[];
  @ApiProperty({ example: '2014-02-03' }) dataSetComplete!: string;
}

export class ImportWebMessageDto {
  @ApiProperty({ example: 'OK' }) httpStatus!: string;
  @ApiProperty({ example: 200 }) httpStatusCode!: number;
  @ApiProperty({ example: 'OK' }) status!: string;
  @ApiProperty({ example: 'Import was successful.' }) message!: string;
  @ApiProperty({ type: ImportSummaryDto }) response!: ImportSummaryDto;
}
