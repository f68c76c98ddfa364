/**
 * Every API route of the server, in one list: the server registers exactly these, the OpenAPI
 * document and docs/server.md's roles table are built from them, and the role × endpoint matrix
 * test walks them all. A route module exports `const xxxRoutes: RouteSpec[]`; add it here.
 */
import type { RouteSpec } from '../route.ts';
import { auditRoutes } from './audit.ts';
import { dashboardRoutes } from './dashboard.ts';
import { jobRoutes } from './jobs.ts';
import { releaseRoutes } from './releases.ts';
import { sessionRoutes } from './session.ts';
import { userRoutes } from './users.ts';
import { importRoutes } from './imports.ts';
import { sampleRoutes } from './samples.ts';
import { roundRoutes } from './rounds.ts';
import { codingRoutes } from './coding.ts';
import { analysisRoutes } from './analysis.ts';
import { reportRoutes } from './reports.ts';

export const allRoutes: RouteSpec[] = [
  ...sessionRoutes,
  ...userRoutes,
  ...auditRoutes,
  ...jobRoutes,
  ...releaseRoutes,
  ...dashboardRoutes,
  ...importRoutes,
  ...sampleRoutes,
  ...roundRoutes,
  ...codingRoutes,
  ...analysisRoutes,
  ...reportRoutes,
];
