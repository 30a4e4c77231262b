"""kaiyuan: read Chinese-language news about the open-source AI debate."""
__version__ = "0.1.0"
