import { type AlertInput, observableTypeIds } from '@rampart/core/connector';

type ObservableInput = NonNullable<AlertInput['observables']>[number];

/** OCSF captions of the observable types this connector emits. */
const captions: Readonly<Record<number, string>> = {
  [observableTypeIds.hostname]: 'Hostname',
  [observableTypeIds.ipAddress]: 'IP Address',
  [observableTypeIds.macAddress]: 'MAC Address',
  [observableTypeIds.userName]: 'User Name',
  [observableTypeIds.emailAddress]: 'Email Address',
  [observableTypeIds.urlString]: 'URL String',
  [observableTypeIds.fileName]: 'File Name',
  [observableTypeIds.hash]: 'Hash',
  [observableTypeIds.processName]: 'Process Name',
  [observableTypeIds.resourceUid]: 'Resource UID',
  [observableTypeIds.commandLine]: 'Command Line',
  [observableTypeIds.userAgent]: 'HTTP User-Agent',
  [observableTypeIds.filePath]: 'File Path',
};

/** Collects OCSF observables, skipping empty values and exact repeats. */
export class ObservableList {
  readonly items: ObservableInput[] = [];

  add(name: string, typeId: number, value: string | null | undefined): void {
    const text = value?.trim();
    if (!text) return;
    if (this.items.some((item) => item.name === name && item.value === text)) return;
    this.items.push({ name, type_id: typeId, type: captions[typeId] ?? 'Other', value: text });
  }

  /** A hash, unless it is a placeholder of zeros (some products send an all-zero hash when they have none). */
  addHash(name: string, value: string | null | undefined): void {
    if (value && /^0+$/.test(value.trim())) return;
    this.add(name, observableTypeIds.hash, value);
  }
}
