import { describe, expect, it } from 'vitest';
import { isForbiddenAddress } from '../src';
import { hostMatches } from '../src/url-policy';

describe('isForbiddenAddress', () => {
  it.each([
    '0.0.0.0',
    '0.1.2.3',
    '10.0.0.1',
    '10.255.255.255',
    '100.64.0.1',
    '100.127.255.254',
    '127.0.0.1',
    '127.1.2.3',
    '169.254.0.1',
    '169.254.169.254',
    '172.16.0.1',
    '172.31.255.255',
    '192.0.0.8',
    '192.0.2.1',
    '192.168.1.1',
    '198.18.0.1',
    '198.51.100.7',
    '203.0.113.9',
    '224.0.0.1',
    '239.255.255.250',
    '240.0.0.1',
    '255.255.255.255',
  ])('forbids IPv4 %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(true);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '93.184.216.34',
    '100.63.255.255',
    '100.128.0.0',
    '172.15.255.255',
    '172.32.0.0',
    '169.253.255.255',
    '192.169.0.1',
  ])('allows public IPv4 %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(false);
  });

  it.each([
    '::',
    '::1',
    '[::1]',
    '0:0:0:0:0:0:0:1',
    'fc00::1',
    'fd12:3456:789a::1',
    'fe80::1',
    'fe80::1%eth0',
    'febf::1',
    'fec0::1',
    'ff02::1',
    '2001:db8::1',
    '2001:0:4136:e378:8000:63bf:3fff:fdd2',
    '100::1',
  ])('forbids IPv6 %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(true);
  });

  it.each([
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:169.254.169.254',
    '::ffff:a9fe:a9fe',
    '::ffff:10.0.0.1',
    '::ffff:0.0.0.0',
    '0:0:0:0:0:ffff:c0a8:0101',
    '::127.0.0.1',
    '::ffff:0:127.0.0.1',
    '64:ff9b::a9fe:a9fe',
    '64:ff9b::10.1.1.1',
    '2002:7f00:1::',
    '2002:a9fe:a9fe::1',
  ])('forbids the IPv6 form %s of a forbidden IPv4 address', (address) => {
    expect(isForbiddenAddress(address)).toBe(true);
  });

  it.each([
    '2606:4700:4700::1111',
    '2a00:1450:4001:80b::200e',
    '::ffff:8.8.8.8',
    '::ffff:808:808',
    '64:ff9b::808:808',
    '2002:808:808::1',
  ])('allows public IPv6 %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(false);
  });

  it('treats anything that is not an IP literal as forbidden', () => {
    for (const value of [
      '',
      'localhost',
      '127.0.0.1.nip.io',
      '1.2.3',
      '1.2.3.256',
      '::ffff:1.2.3',
      'gggg::1',
    ]) {
      expect(isForbiddenAddress(value)).toBe(true);
    }
  });
});

describe('hostMatches', () => {
  const fal = ['fal.media', '*.fal.media', 'storage.googleapis.com'];

  it('matches exact names and sub-domains of wildcards', () => {
    expect(hostMatches('fal.media', fal)).toBe(true);
    expect(hostMatches('v3.fal.media', fal)).toBe(true);
    expect(hostMatches('V3.FAL.MEDIA.', fal)).toBe(true);
    expect(hostMatches('storage.googleapis.com', fal)).toBe(true);
  });

  it('does not match look-alikes', () => {
    expect(hostMatches('evilfal.media', fal)).toBe(false);
    expect(hostMatches('fal.media.evil.com', fal)).toBe(false);
    expect(hostMatches('x.storage.googleapis.com', fal)).toBe(false);
  });
});
