"""The classroom kit without a screen: session codes and the round timer."""
