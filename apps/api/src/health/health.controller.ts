import { Controller, Get, HttpCode, HttpException, HttpStatus } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** `GET /health`: 200 with the database's answer time, 503 when PostgreSQL does not answer. */
@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @HttpCode(200)
  async health(): Promise<{ status: string; database: { status: string; latencyMs: number } }> {
    const started = performance.now();
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new HttpException(
        { status: 'error', database: { status: 'down' } },
        HttpStatus.SERVICE_UNAVAILABLE,
      );
    }
    return { status: 'ok', database: { status: 'up', latencyMs: Math.round(performance.now() - started) } };
  }
}
