// Local colour for the demo programme: streets, hamlets, neighbours and landmarks of the 14 comuni of
// the Smart Land Sud Est Milano, used to fill in project titles. Only well-known names.

export type Place = {
  /** streets for "– via …" suffixes */
  streets: string[];
  /** frazioni / quartieri */
  hamlets: string[];
  /** neighbouring comuni, for inter-municipal cycle paths and services */
  neighbours: string[];
  /** a transport node for interchange projects */
  node?: string;
  /** a heritage site for culture projects */
  landmark?: string;
  /** on the river Lambro */
  lambro?: boolean;
};

export const PLACES: Record<string, Place> = {
  "015050": {
    streets: ["via Roma", "via San Martino", "via Mazzini"],
    hamlets: ["Francolino"],
    neighbours: ["Melegnano", "Cerro al Lambro", "Locate di Triulzi"],
  },
  "015071": {
    streets: ["via Roma", "via Dante", "via Garibaldi"],
    hamlets: ["Riozzo"],
    neighbours: ["Melegnano", "San Zenone al Lambro", "Carpiano"],
    lambro: true,
  },
  "015082": {
    streets: ["via Roma", "via Vittorio Veneto", "via Matteotti"],
    hamlets: ["Balbiano"],
    neighbours: ["Dresano", "Melegnano", "Mediglia"],
  },
  "015101": {
    streets: ["via Roma", "via Manzoni", "via Verdi"],
    hamlets: [],
    neighbours: ["Vizzolo Predabissi", "Colturano", "Tribiano"],
  },
  "015139": {
    streets: ["via Roma", "via Risorgimento", "via Matteotti"],
    hamlets: ["Bustighera", "Triginto", "Mombretto", "Robbiano", "San Martino Olearo"],
    neighbours: ["Pantigliate", "Peschiera Borromeo", "Colturano", "Tribiano"],
  },
  "015140": {
    streets: ["via Emilia", "via Roma", "via Cavour", "via Zuavi"],
    hamlets: [],
    neighbours: ["Vizzolo Predabissi", "San Giuliano Milanese", "Cerro al Lambro"],
    node: "stazione di Melegnano",
    landmark: "Castello Mediceo",
    lambro: true,
  },
  "015167": {
    streets: ["via Roma", "via Garibaldi", "via Dante"],
    hamlets: [],
    neighbours: ["Peschiera Borromeo", "Mediglia", "Paullo"],
  },
  "015169": {
    streets: ["via Milano", "via Mazzini", "SP 415 Paullese"],
    hamlets: [],
    neighbours: ["Zelo Buon Persico", "Tribiano", "Pantigliate"],
    node: "capolinea degli autobus della Paullese",
  },
  "015171": {
    streets: ["SP 415 Paullese", "via XXV Aprile", "via Matteotti"],
    hamlets: ["Mezzate", "Bettola", "Linate", "San Bovio", "Zeloforamagno"],
    neighbours: ["San Donato Milanese", "Pantigliate", "Mediglia"],
    landmark: "Castello Borromeo",
  },
  "015192": {
    streets: ["via Emilia", "viale De Gasperi", "via Gramsci", "via Di Vittorio"],
    hamlets: ["Metanopoli", "Bolgiano", "Poasco", "Certosa"],
    neighbours: ["Peschiera Borromeo", "San Giuliano Milanese", "Milano"],
    node: "fermata M3 San Donato",
    lambro: true,
  },
  "015195": {
    streets: ["via Emilia", "via Roma", "via Cavour", "via Gorky"],
    hamlets: ["Sesto Ulteriano", "Zivido", "Borgolombardo", "Civesio", "Viboldone"],
    neighbours: ["San Donato Milanese", "Melegnano", "Colturano"],
    node: "stazione di San Giuliano Milanese",
    landmark: "Abbazia di Viboldone",
    lambro: true,
  },
  "015202": {
    streets: ["via Roma", "via Dante", "via Marconi"],
    hamlets: ["Ceregallo"],
    neighbours: ["Cerro al Lambro", "Vizzolo Predabissi", "Salerano sul Lambro"],
    lambro: true,
  },
  "015222": {
    streets: ["via Roma", "via Dante", "via Matteotti"],
    hamlets: [],
    neighbours: ["Paullo", "Dresano", "Mediglia"],
  },
  "015244": {
    streets: ["via Emilia", "via Verdi", "via Giovanni XXIII"],
    hamlets: ["Sarmazzano"],
    neighbours: ["Melegnano", "Dresano", "San Zenone al Lambro"],
  },
};
