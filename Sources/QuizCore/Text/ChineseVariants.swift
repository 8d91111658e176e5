/// Folds the traditional characters that occur in this domain's vocabulary to their simplified
/// forms, so `訴訟時效中斷` matches `诉讼时效中断`.
///
/// A short table, not a full converter: it covers the characters of the legal and collection
/// terms the rubrics use, which is where the cheap win is.
enum ChineseVariants {
  static let pairs =
    "訴诉訟讼時时斷断擔担證证間间債债務务還还貸贷銀银電电話话訪访門门執执權权產产屬属規规則则會会說说與与為为對对錯错無无沒没員员協协議议書书簽签錄录據据檔档歸归們们個个這这來来過过後后從从當当應应該该須须經经營营達达帶带張张財财處处賣卖買买償偿價价廠厂發发現现實实訂订計计劃划額额減减約约審审準准條条違违師师郵邮遞递嚴严騙骗脅胁嚇吓隱隐親亲險险評评級级帳账賬账齡龄備备損损壞坏銷销轉转讓让託托討讨聯联絡络繫系係系號号碼码訊讯凍冻結结請请決决屆届滿满滅灭兩两夠够將将點点戶户單单獨独衛卫問问題题響响顧顾關关續续傳传統统樣样種种類类風风標标體体製制內内監监機机構构業业質质贖赎強强詐诈騷骚擾扰恐恐嚇吓暴暴辱辱黑黑緊紧聯联絡络繫系託托撥拨態态決决據据實实驗验記记錄录絕绝勿勿嚴严禁禁圍围堵堵鎖锁搶抢奪夺扣扣車车輛辆貨货倉仓證证優优權权順顺序序擔担保保償偿審审裁裁調调解解訟讼執执財财凍冻結结查查封封拍拍賣卖變变價价補补費费時时效效斷断"

  /// Simplified forms by traditional scalar value.
  static let table: [UInt32: UInt32] = {
    var table: [UInt32: UInt32] = [:]
    let scalars = Array(pairs.unicodeScalars)
    var index = 0
    while index + 1 < scalars.count {
      if scalars[index] != scalars[index + 1] { table[scalars[index].value] = scalars[index + 1].value }
      index += 2
    }
    return table
  }()

  /// The CJK block, where every traditional character of the table lies.
  static let block: ClosedRange<UInt32> = 0x4E00...0x9FFF

  /// The table as a flat array over `block`: 0 where there is nothing to fold.
  static let flat: [UInt16] = {
    var flat = [UInt16](repeating: 0, count: Int(block.upperBound - block.lowerBound + 1))
    for (traditional, simplified) in table where block.contains(traditional) && simplified <= 0xFFFF {
      flat[Int(traditional - block.lowerBound)] = UInt16(simplified)
    }
    return flat
  }()

  /// The simplified form of `value`, or `value` itself.
  @inline(__always)
  static func fold(_ value: UInt32) -> UInt32 {
    guard block.contains(value) else { return value }
    let folded = flat[Int(value - block.lowerBound)]
    return folded == 0 ? value : UInt32(folded)
  }
}
