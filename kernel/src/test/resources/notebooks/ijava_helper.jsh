String greet(String who) {
  return "hello, " + who;
}
