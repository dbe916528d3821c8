declare module 'virtual:jd-stack' {
  /** syncUrl and signalingUrl appear once dev/demo-server.ts passes them (see the README). */
  const stack: { apiUrl: string; anonKey: string; syncUrl?: string; signalingUrl?: string };
  export default stack;
}
