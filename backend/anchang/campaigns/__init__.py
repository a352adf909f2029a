"""Campaigns (广告 / 活动 / 促销), their costs, and the channel and campaign report."""
