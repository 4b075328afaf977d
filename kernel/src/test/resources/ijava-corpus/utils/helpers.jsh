// Helpers shared by the chapters, loaded with %load ../utils/helpers
int square(int x) {
  return x * x;
}
