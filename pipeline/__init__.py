"""PatentNav: patent-navigation (专利导航) pipeline for the China (Chongqing) Pilot Free Trade Zone."""

__version__ = "0.1.0"
