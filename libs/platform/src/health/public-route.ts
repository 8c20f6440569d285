import { SetMetadata } from '@nestjs/common';

/**
 * Marks a route that needs no credentials (health probes, metrics scrapes). A service's auth
 * guard, which closes everything else by default, must honour it.
 */
export const PUBLIC_ROUTE = 'dtp:public-route';
export const PublicRoute = () => SetMetadata(PUBLIC_ROUTE, true);
