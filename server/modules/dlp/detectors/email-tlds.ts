// Top-level domains that addresses written to dodge filters ("name (at) example.com", "name @ example.com") must end
// in: with a spelled-out '@' any word would do, so "x @ np.linalg" and "look at the.end" need a registered TLD.
// Every two-letter country code, the generic TLDs people actually use for mail, and the Chinese IDN TLDs.

const COUNTRY_CODES =
  'ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo br bs bt bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz ' +
  'de dj dk dm do dz ec ee eg er es et eu fi fj fk fm fo fr ga gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it ' +
  'je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mg mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz ' +
  'om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sk sl sm sn so sr ss st su sv sx sy sz tc td tf tg th tj tk tl tm tn to tr tt tv tw tz ' +
  'ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw';
const GENERIC =
  'com net org edu gov mil int info biz name pro mobi asia tel travel jobs museum aero coop cat post app dev ai cloud tech online site website xyz top vip shop store ' +
  'club live life world email work today news blog space fun ltd group company center network solutions services digital agency studio design media global inc llc team ' +
  'link one page art wiki zone host chat run codes software systems academy school law bank finance money pay ink red xin ren wang citic';
const KNOWN = new Set([...COUNTRY_CODES.split(' '), ...GENERIC.split(' ')]);

/** Chinese-script TLDs, longest first so "中文网" wins over a shorter prefix. */
const CJK_TLDS = ['中文网', '新加坡', '我爱你', '中国', '中國', '公司', '网络', '網絡', '香港', '台湾', '台灣', '在线', '网址', '网店', '商城', '集团', '信息', '移动', '公益', '政务', '游戏', '企业', '商标', '手机', '购物', '时尚', '健康', '招聘', '娱乐', '商店', 'みんな', 'コム', '한국', '닷컴', '닷넷'];

/** A registered-looking ASCII TLD (lower case). */
export function isKnownTld(tld: string): boolean {
  return KNOWN.has(tld) || tld.startsWith('xn--');
}

/** The length of the CJK TLD that `text` has at `start` (within `end`), or 0. */
export function knownCjkTldAt(text: string, start: number, end: number): number {
  for (const tld of CJK_TLDS) {
    if (tld.length <= end - start && text.startsWith(tld, start)) return tld.length;
  }
  return 0;
}
