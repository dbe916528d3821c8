declare module 'virtual:jd-stack' {
  const stack: { apiUrl: string; anonKey: string };
  export default stack;
}
