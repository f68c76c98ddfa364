import type { ReactNode } from 'react';
import type { Role } from './session.ts';
import { ImportScreen } from './screens/Import.tsx';
import { SamplesScreen } from './screens/Samples.tsx';
import { RoundsScreen } from './screens/Rounds.tsx';
import { CodingScreen } from './screens/Coding.tsx';
import { IndicatorsScreen } from './screens/Indicators.tsx';
import { ProfileScreen } from './screens/Profile.tsx';
import { ReliabilityScreen } from './screens/Reliability.tsx';
import { AdjudicationScreen } from './screens/Adjudication.tsx';
import { ReleasesScreen } from './screens/Releases.tsx';
import { ReviewScreen } from './screens/Review.tsx';
import { DashboardScreen } from './screens/Dashboard.tsx';
import { UsersScreen } from './screens/Users.tsx';
import { AuditScreen } from './screens/Audit.tsx';

export interface Screen {
  readonly path: string;
  readonly label: string;
  readonly roles: readonly Role[];
  readonly render: () => ReactNode;
}

const everyone: readonly Role[] = ['admin', 'coordinator', 'coder', 'analyst', 'output-checker', 'reader'];

/** Every screen, in navigation order; a role sees the screens that list it. */
export const SCREENS: readonly Screen[] = [
  { path: '/import', label: 'Import', roles: ['coordinator'], render: () => <ImportScreen /> },
  { path: '/samples', label: 'Samples', roles: ['coordinator'], render: () => <SamplesScreen /> },
  { path: '/rounds', label: 'Coding rounds', roles: ['coordinator'], render: () => <RoundsScreen /> },
  { path: '/coding', label: 'My coding', roles: ['coder'], render: () => <CodingScreen /> },
  { path: '/indicators', label: 'Indicators', roles: ['analyst'], render: () => <IndicatorsScreen /> },
  { path: '/profile', label: 'Profile', roles: ['analyst'], render: () => <ProfileScreen /> },
  { path: '/reliability', label: 'Reliability', roles: ['analyst'], render: () => <ReliabilityScreen /> },
  { path: '/adjudication', label: 'Adjudication', roles: ['analyst'], render: () => <AdjudicationScreen /> },
  { path: '/releases', label: 'Releases', roles: ['analyst'], render: () => <ReleasesScreen /> },
  { path: '/review', label: 'Release review', roles: ['output-checker'], render: () => <ReviewScreen /> },
  { path: '/users', label: 'Users', roles: ['admin'], render: () => <UsersScreen /> },
  { path: '/audit', label: 'Audit log', roles: ['admin', 'output-checker'], render: () => <AuditScreen /> },
  { path: '/dashboard', label: 'Dashboard', roles: everyone, render: () => <DashboardScreen /> },
];

export function screensFor(role: Role): Screen[] {
  return SCREENS.filter((s) => s.roles.includes(role));
}
