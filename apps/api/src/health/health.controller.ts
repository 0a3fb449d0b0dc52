import {
  Controller,
  Get,
  HttpCode,
  HttpException,
  HttpStatus,
  Inject,
  type OnModuleDestroy,
} from '@nestjs/common';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../app.tokens';
import type { AppConfig } from '../config';

/** What HEALTH_DETAILS=on adds: the process's own figures, for soak runs and operators watching for leaks. */
export interface ProcessDetails {
  rssBytes: number;
  heapUsedBytes: number;
  /** The 99th percentile of the event loop's delay since the previous /health answer, in ms. */
  eventLoopDelayP99Ms: number;
  /** Handles and requests keeping the process alive (sockets, timers, files). */
  activeHandles: number;
}

interface HealthAnswer {
  status: string;
  database: { status: string; latencyMs: number };
  process?: ProcessDetails;
}

/** `GET /health`: 200 with the database's answer time, 503 when PostgreSQL does not answer. */
@Controller('health')
export class HealthController implements OnModuleDestroy {
  /** Only measured when asked for (HEALTH_DETAILS=on): the histogram costs a timer. */
  private readonly eventLoopDelay: IntervalHistogram | null;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.eventLoopDelay = config.healthDetails ? monitorEventLoopDelay({ resolution: 10 }) : null;
    this.eventLoopDelay?.enable();
  }

  onModuleDestroy(): void {
    this.eventLoopDelay?.disable();
  }

  @Get()
  @HttpCode(200)
  async health(): Promise<HealthAnswer> {
    const started = performance.now();
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new HttpException(
        { status: 'error', database: { status: 'down' } },
        HttpStatus.SERVICE_UNAVAILABLE,
      );
    }
    const answer: HealthAnswer = {
      status: 'ok',
      database: { status: 'up', latencyMs: Math.round(performance.now() - started) },
    };
    if (this.eventLoopDelay) answer.process = this.processDetails(this.eventLoopDelay);
    return answer;
  }

  private processDetails(delay: IntervalHistogram): ProcessDetails {
    const memory = process.memoryUsage();
    // The histogram is in nanoseconds; reset so each answer covers the time since the last one.
    const p99 = delay.count ? delay.percentile(99) / 1e6 : 0;
    delay.reset();
    return {
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      eventLoopDelayP99Ms: Math.round(p99 * 10) / 10,
      activeHandles: process.getActiveResourcesInfo().length,
    };
  }
}
