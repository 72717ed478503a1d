import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@rr/server/config';
import { dataSourceOptions } from './data-source';
import { TransactionHost } from './transaction-host';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => dataSourceOptions(config.database.url, config.database.poolSize),
    }),
  ],
  providers: [TransactionHost],
  exports: [TransactionHost],
})
export class PersistenceModule {}
