export { DeliveryPanel } from './components/DeliveryPanel';
