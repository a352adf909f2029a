"""Commission and agency fee (佣金 / 代理费 / 奖罚): rules, statements with approval, clawback."""
