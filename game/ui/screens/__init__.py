"""The app's screens, one module each; help texts live beside their screen as Markdown."""
