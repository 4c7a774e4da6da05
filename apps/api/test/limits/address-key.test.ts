import { describe, expect, it } from 'vitest';
import { addressKeyOf, networkOf } from '../../src/limits/address-key';

const SECRET = 'a-session-secret-long-enough-for-tests-0123456789';

describe('client networks', () => {
  it('keeps an IPv4 address whole and an IPv6 address to its /64', () => {
    expect(networkOf('203.0.113.7')).toBe('203.0.113.7');
    expect(networkOf('2001:db8:1:2:aaaa::1')).toBe('2001:0db8:0001:0002::/64');
    expect(networkOf('2001:DB8:1:2::ffff')).toBe('2001:0db8:0001:0002::/64');
    expect(networkOf('::1')).toBe('0000:0000:0000:0000::/64');
    expect(networkOf('fe80::1%eth0')).toBe('fe80:0000:0000:0000::/64');
    expect(networkOf('unknown')).toBeUndefined();
  });

  it('keys one network alike and others apart, and never shows the address', () => {
    const key = addressKeyOf('2001:db8:1:2::1', SECRET)!;
    expect(addressKeyOf('2001:db8:1:2:ffff:ffff:ffff:ffff', SECRET)).toBe(key);
    expect(addressKeyOf('2001:db8:1:3::1', SECRET)).not.toBe(key);
    expect(addressKeyOf('203.0.113.7', SECRET)).not.toBe(addressKeyOf('203.0.113.8', SECRET));
    expect(addressKeyOf('203.0.113.7', 'another-secret-of-enough-length-0123456789')).not.toBe(
      addressKeyOf('203.0.113.7', SECRET),
    );
    expect(key).not.toContain('2001');
    expect(addressKeyOf('unknown', SECRET)).toBeNull();
  });
});
