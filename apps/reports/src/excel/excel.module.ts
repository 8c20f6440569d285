import { DynamicModule, Module } from '@nestjs/common';
import { ExcelController } from './excel.controller';
import { ExcelImportService } from './excel-import.service';

@Module({})
export class ExcelModule {
  static register(forms: DynamicModule, submissions: DynamicModule): DynamicModule {
    return { module: ExcelModule, imports: [forms, submissions], controllers: [ExcelController], providers: [ExcelImportService] };
  }
}
