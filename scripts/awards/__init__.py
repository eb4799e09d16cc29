"""Git-native nomination portal for 人社系统 award campaigns."""

__version__ = "0.1.0"
