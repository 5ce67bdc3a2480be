/// The pages' one stylesheet, inline. Well colours follow `platedrop plate`'s terminal map.
enum PageStyle {
    static let css = """
        body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222;background:#fafafa}
        h1{font-size:1.4em;margin:0 0 .4em}h2{font-size:1.1em;margin:1.2em 0 .4em}
        table{border-collapse:collapse}th,td{padding:.25em .6em;text-align:left;border-bottom:1px solid #ddd}
        a{color:#05c}.muted{color:#777}.problem{color:#a00}
        table.map td,table.map th{border:0;padding:1px;text-align:center}
        table.map td.well{width:72px;height:72px;border:2px solid #ccc;background:#eee;vertical-align:middle}
        table.map td.well img{display:block;width:68px;height:68px;object-fit:contain;background:#000;margin:auto}
        .written{border-color:#2a2 !important;background:#cfc !important}
        .writing{border-color:#0aa !important;background:#cff !important}
        .ready{border-color:#cc0 !important;background:#ffc !important}
        .receiving{border-color:#36c !important;background:#cdf !important}
        .failed{border-color:#c22 !important;background:#fcc !important}
        .legend span{display:inline-block;padding:0 .5em;margin-right:.4em;border:2px solid #ccc;background:#eee}
        """
}
