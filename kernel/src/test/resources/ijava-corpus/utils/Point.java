// A small value type, loaded with %load ../utils/Point
record Point(int x, int y) {
  int manhattan() {
    return Math.abs(x) + Math.abs(y);
  }
}
