import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ReadModelsModule } from '../read-models/read-models.module';
import { HierarchyService } from './hierarchy.service';
import { OrgUnitRecord, OrgUnitSchema } from './schemas/org-unit.schema';
import { UnitImport, UnitImportSchema } from './schemas/unit-import.schema';
import { UnitImportOutboxRelay } from './unit-import-outbox.relay';
import { UnitsController } from './units.controller';

@Module({
  imports: [ReadModelsModule, MongooseModule.forFeature([{ name: OrgUnitRecord.name, schema: OrgUnitSchema }, { name: UnitImport.name, schema: UnitImportSchema }])],
  controllers: [UnitsController],
  providers: [HierarchyService, UnitImportOutboxRelay],
  exports: [HierarchyService],
})
export class UnitsModule {}
