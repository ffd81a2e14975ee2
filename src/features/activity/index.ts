/** The Activity feature's public entry: what src/app may import (loaded on demand). */
export { ActivityPage } from './components/activity-page';
